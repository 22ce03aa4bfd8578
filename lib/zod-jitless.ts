/**
 * Zod 4 compiles object parsers with `new Function` when it thinks eval is allowed (it probes with
 * `Function('')` when the first object schema is built). The extension never evaluates code:
 * this module switches that off and must be the FIRST import of every entrypoint that parses
 * (background, content script), before any schema module is evaluated. MV3's CSP (no
 * 'unsafe-eval') would refuse it anyway; this keeps the probe from even trying.
 * tests/e2e/security.e2e.ts scans the build for dynamic code.
 */
import { config } from 'zod';

config({ jitless: true });

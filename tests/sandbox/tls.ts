/** Self-signed certificate for the sandbox hosts + its SPKI hash for Chromium. */
import { createHash, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export const SANDBOX_HOSTS = [
  'sycm.taobao.com',
  'myseller.taobao.com',
  'one.alimama.com',
  'subway.simba.taobao.com',
  'tuijian.taobao.com',
  'h5api.m.taobao.com',
  'trade.taobao.com',
] as const;
export type SandboxHost = (typeof SANDBOX_HOSTS)[number];

export interface SandboxCert {
  readonly key: string;
  readonly cert: string;
  /** base64(SHA-256(SubjectPublicKeyInfo DER)) — for --ignore-certificate-errors-spki-list. */
  readonly spkiHash: string;
}

export function spkiHashOf(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

let cached: Promise<SandboxCert> | undefined;

/** Generates (once per process) an EC P-256 certificate whose SAN covers all sandbox hosts. */
export function sandboxCert(): Promise<SandboxCert> {
  cached ??= (async () => {
    const now = Date.now();
    const pems = await generate([{ name: 'commonName', value: 'OpsRadar Sandbox' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now - 86_400_000),
      notAfterDate: new Date(now + 300 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            ...SANDBOX_HOSTS.map((value) => ({ type: 2 as const, value })),
            { type: 2 as const, value: 'localhost' },
            { type: 7 as const, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    return { key: pems.private, cert: pems.cert, spkiHash: spkiHashOf(pems.cert) };
  })();
  return cached;
}

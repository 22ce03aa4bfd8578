import da01Conversion from './da/da-01-conversion';
import da01PayAmount from './da/da-01-pay-amount';
import da01Visitors from './da/da-01-visitors';
import type { Rule } from './types';

/** Every rule, one line each (the conventions test checks that each file is listed here). */
export const RULES: readonly Rule[] = [da01Visitors, da01PayAmount, da01Conversion] as Rule[];

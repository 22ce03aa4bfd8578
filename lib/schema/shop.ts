import { z } from 'zod';

/** Identity signals read from a console page (console-sources §2.3, §14). All optional: pages differ. */
export const ShopIdentitySchema = z.object({
  shopId: z.string().max(40).optional(),
  shopTitle: z.string().max(200).optional(),
  mainUserId: z.string().max(40).optional(),
  mainUserName: z.string().max(200).optional(),
  /** Login nick, possibly a sub-account `主账号:子账号`. */
  loginNick: z.string().max(200).optional(),
  /** Where the strongest signal came from. */
  via: z.enum(['microdata', 'page-global', 'cookie', 'none']),
});
export type ShopIdentity = z.infer<typeof ShopIdentitySchema>;

export const ShopSchema = z.object({
  id: z.string(),
  title: z.string(),
  mainUserId: z.string().optional(),
  mainUserName: z.string().optional(),
  /**
   * Known only by its main account nick (seen on 千牛 / ad consoles before any 生意参谋 page):
   * id `nick:<主账号>`. Merged into the real shop once a sycm page shows that nick.
   */
  provisional: z.boolean().optional(),
  firstSeenAt: z.number(),
  lastSeenAt: z.number(),
});
export type Shop = z.infer<typeof ShopSchema>;

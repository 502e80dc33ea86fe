import { z } from 'zod';

/** config/nlp/names.tr.json: name lexicons and the context words around names. */
export const nameConfigSchema = z.object({
  firstNames: z.array(z.string().min(1)),
  surnames: z.array(z.string().min(1)),
  /** Names that are also ordinary words (Derya, Barış, Güneş, Kaya): never a name on their own. */
  commonWords: z.array(z.string()).default([]),
  /** "Adım …", "Ben …": the words after introduce the writer's name. */
  selfIntro: z.array(z.string()).default([]),
  /** "komşum …", "eşim …": the next word is a person's name when it looks like one. */
  relations: z.array(z.string()).default([]),
  /** "… Bey", "… Hanım": the words before are a name. */
  after: z.array(z.string()).default([]),
  /** "… isimli", "… adlı": the words before are a name when a person noun follows (not "… isimli dizi"). */
  markers: z.array(z.string()).default([]),
  personNouns: z.array(z.string()).default([]),
  /** "Saygılarımla, …": the name after a closing formula is the signature. */
  signatures: z.array(z.string()).default([]),
  /** Titles of public office: the name after one is a public figure's and is kept. */
  publicTitles: z.array(z.string()).default([]),
  /** "… Caddesi", "… Köprüsü": a name before one of these is a place. */
  placeWords: z.array(z.string()).default([]),
  /** Capitalised words that are never a name, even after a relation word (Covid, Corona, Asya). */
  notNames: z.array(z.string()).default([]),
  /** Public figures whose names are kept (also in streets and schools named after them). */
  publicFigures: z.array(z.string()).default([]),
});
export type NameConfig = z.infer<typeof nameConfigSchema>;

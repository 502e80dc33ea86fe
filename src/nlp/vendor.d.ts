// Minimal typings for untyped dependencies used by the NLP code.
declare module 'stopword' {
  const lists: Record<'tur' | 'eng' | 'deu' | 'fra' | 'spa' | 'ita' | 'por' | 'nld' | 'kur', string[]>;
  export default lists;
}
declare module 'snowball-stemmers' {
  export function newStemmer(lang: string): { stem(word: string): string };
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const porter: { stem(word: string): string };
  export default porter;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  interface Bayes {
    addDocument(doc: string | string[], label: string): void;
    train(): void;
    getClassifications(doc: string | string[]): Array<{ label: string; value: number }>;
  }
  const BayesClassifier: new () => Bayes;
  export default BayesClassifier;
}
declare module '@nlpjs/lang-tr' {
  export class StemmerTr {
    stemWord(word: string): string;
  }
}

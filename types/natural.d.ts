// `natural` runs dotenv when its index is imported, so we import single modules by path.
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module "natural/lib/natural/distance/levenshtein_distance.js" {
  const distances: { LevenshteinDistance: (a: string, b: string) => number };
  export default distances;
}

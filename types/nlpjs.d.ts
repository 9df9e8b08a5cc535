// @nlpjs v4 ships no types; this declares the part of its neural network we use.
declare module "@nlpjs/neural" {
  export interface NeuralSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean | ((status: unknown, ms: number) => void);
  }
  export interface NeuralJson {
    settings: NeuralSettings;
    features: string[];
    intents: string[];
    perceptrons: ArrayLike<number>[];
  }
  export class NeuralNetwork {
    constructor(settings?: NeuralSettings);
    /** The settings given, with @nlpjs's defaults filled in (alpha 0.07, ...). */
    settings: Required<Omit<NeuralSettings, "log">> & Pick<NeuralSettings, "log">;
    train(corpus: { input: Record<string, number>; output: Record<string, number> }[]): {
      error: number;
      iterations: number;
    };
    run(input: Record<string, number>): Record<string, number> | undefined;
    toJSON(): NeuralJson;
    fromJSON(json: NeuralJson): void;
  }
}
declare module "@nlpjs/lang-zh" {
  export class TokenizerZh {
    tokenize(text: string, normalize?: boolean): string[];
  }
}

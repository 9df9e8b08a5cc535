import type { AreaTerms } from "../dialog/follow-up.js";
import type { ReplyCatalogue } from "../dialog/reply.js";
import type { Understander } from "../nlu/understander.js";

/** What the bot knows at one moment: the model that understands, and the answers it gives. */
export interface Knowledge {
  /** Names the model and the knowledge base it was trained from (shown by /readyz). */
  readonly hash: string;
  /** The published knowledge version it serves (the store's numbering; shown by /readyz). */
  readonly version: number;
  readonly understander: Understander;
  readonly catalogue: ReplyCatalogue;
  /** The words naming each area, for follow-ups that switch area ("那失业金呢"); none, no such reading. */
  readonly areas?: AreaTerms;
}

/** Where every consumer gets the knowledge, at the moment of use: never kept across turns. */
export interface KnowledgeSource {
  current(): Knowledge;
}

/**
 * The one holder of the active knowledge. A publication (an editor's change, a retrained model)
 * swaps the model and its answers together in one step, so no turn understands with one and answers
 * from the other; a turn already under way finishes with the knowledge it started with.
 */
export class ActiveKnowledge implements KnowledgeSource {
  private active: Knowledge;

  constructor(initial: Knowledge) {
    this.active = initial;
  }

  current(): Knowledge {
    return this.active;
  }

  /** Makes `next` the active knowledge; returns the one it replaced, for its owner to close. */
  swap(next: Knowledge): Knowledge {
    const previous = this.active;
    this.active = next;
    return previous;
  }
}

import { createContext, useContext, useSyncExternalStore } from "react";
import { type DeskAction, type DeskState, deskReducer, initialDeskState } from "./desk-reducer";

/**
 * The desk state of one sign-in, outside React so socket listeners can dispatch without
 * re-subscribing, and components re-render only for the slice they select.
 */
export class DeskStore {
  private state: DeskState = initialDeskState;
  private readonly listeners = new Set<() => void>();

  getState = (): DeskState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispatch = (action: DeskAction): void => {
    const next = deskReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  };
}

export const DeskStoreContext = createContext<DeskStore | null>(null);

export function useDeskStore(): DeskStore {
  const store = useContext(DeskStoreContext);
  if (!store) throw new Error("useDeskStore outside DeskStoreContext");
  return store;
}

/**
 * A slice of the desk state. The selector must return something already in the state (not a
 * new array or object), or the component would re-render forever.
 */
export function useDesk<T>(select: (state: DeskState) => T): T {
  const store = useDeskStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

export function useDispatch(): DeskStore["dispatch"] {
  return useDeskStore().dispatch;
}

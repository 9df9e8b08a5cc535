import { useCallback, useEffect, useRef } from "react";
import { useAgentSocket } from "../../../lib/socket";
import { sendTyping } from "../api/chat";

/** While the agent keeps typing, "typing" is repeated at most this often. */
const REPEAT_MS = 2_000;
/** No keystroke for this long: the agent stopped typing. */
const IDLE_MS = 3_000;

/**
 * agent:typing for one chat: `true` on the first keystroke and again at most every 2 s while
 * typing goes on, `false` after 3 s without a keystroke, on send, and when the panel goes away.
 */
export function useTypingSignal(chatId: string) {
  const socket = useAgentSocket();
  const typing = useRef(false);
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stop = useCallback(() => {
    clearTimeout(idle.current);
    idle.current = undefined;
    if (!typing.current) return;
    typing.current = false;
    sendTyping(socket, chatId, false);
  }, [socket, chatId]);

  const keystroke = useCallback(() => {
    const now = Date.now();
    if (!typing.current || now - lastSent.current >= REPEAT_MS) {
      typing.current = true;
      lastSent.current = now;
      sendTyping(socket, chatId, true);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stop, IDLE_MS);
  }, [socket, chatId, stop]);

  useEffect(() => stop, [stop]);

  return { keystroke, stop };
}

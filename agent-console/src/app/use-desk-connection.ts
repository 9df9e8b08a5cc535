import { useEffect, useRef } from "react";
import { type AgentSocket, handshakeError, request } from "../lib/socket";
import type { DeskStore } from "../stores/desk-store";

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * Connects the socket and feeds every server event into the desk store. socket.io reconnects by
 * itself after a network loss; a handshake the server refused (a restart, a full server) it does
 * not retry, so that is retried here with backoff. A refused token (STAFF_BAD_TOKEN: expired or
 * revoked) ends the session and goes back to sign-in.
 */
export function useDeskConnection(socket: AgentSocket, store: DeskStore, onExpired: () => void): void {
  const expired = useRef(onExpired);
  expired.current = onExpired;

  useEffect(() => {
    const { dispatch, getState } = store;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryDelay = FIRST_RETRY_MS;
    let lastRefusal = "";

    const lost = () =>
      dispatch({ type: "connection", status: getState().connection.ready ? "reconnecting" : "connecting" });
    const retryLater = () => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
    };

    socket.on("connect", () => {
      retryDelay = FIRST_RETRY_MS;
      lastRefusal = "";
      dispatch({ type: "connection", status: "connected" });
    });
    socket.on("disconnect", (reason) => {
      lost();
      // The server closed this socket on purpose (e.g. a restart); socket.io will not come back alone.
      if (reason === "io server disconnect") retryLater();
    });
    socket.on("connect_error", (error) => {
      const refusal = handshakeError(error);
      if (refusal?.code === "STAFF_BAD_TOKEN") {
        expired.current();
        return;
      }
      lost();
      if (refusal && refusal.code !== lastRefusal) {
        lastRefusal = refusal.code;
        dispatch({ type: "notice", notice: { kind: "error", error: refusal } });
      }
      if (!socket.active) retryLater();
    });

    socket.on("agent:hello", (hello) => dispatch({ type: "hello", hello }));
    socket.on("agent:queue", (queue) => dispatch({ type: "queue", queue }));
    socket.on("agent:offer", (offer) => dispatch({ type: "offer", offer }));
    socket.on("agent:offer-withdrawn", ({ chatId, reason }) => {
      if (!getState().queue.offers.some((o) => o.chatId === chatId)) return;
      dispatch({ type: "offerRemoved", chatId });
      dispatch({ type: "notice", notice: { kind: "info", offerWithdrawn: reason } });
    });
    socket.on("agent:chat-message", ({ chatId, message }) => {
      if (getState().chats.byId[chatId]) {
        dispatch({ type: "chatMessage", chatId, message });
        return;
      }
      // A chat this page does not know yet (taken in another tab, or handed over directly).
      void request(socket, "agent:context", { chatId }).then((result) => {
        if (result.ok) dispatch({ type: "chatOpened", context: result.context });
      });
    });
    socket.on("agent:citizen-typing", ({ chatId, typing }) =>
      dispatch({ type: "citizenTyping", chatId, typing }),
    );
    socket.on("agent:chat-ended", ({ chatId, reason, summary }) =>
      dispatch({ type: "chatEnded", chatId, reason, ...(summary ? { summary } : {}) }),
    );
    socket.on("agent:error", (error) => dispatch({ type: "notice", notice: { kind: "error", error } }));

    socket.connect();
    return () => {
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [socket, store]);
}

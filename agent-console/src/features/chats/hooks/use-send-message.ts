import { useCallback } from "react";
import { newClientId } from "../../../lib/client-id";
import { useAgentSocket } from "../../../lib/socket";
import type { ChatMessage } from "../model/messages";
import { useDispatch } from "../../../stores/desk-store";
import { sendMessage } from "../api/chat";

/**
 * Sending a reply: shown at once as pending, replaced by the stored message on ack, or marked
 * failed with the reason. A retry re-sends the same clientId, so the server stores it once even
 * when the first attempt did arrive and only its ack was lost.
 */
export function useSendMessage(chatId: string) {
  const socket = useAgentSocket();
  const dispatch = useDispatch();

  const deliver = useCallback(
    async (clientId: string, text: string) => {
      const result = await sendMessage(socket, { chatId, clientId, text });
      if (result.ok) dispatch({ type: "messageSent", chatId, clientId, message: result.message });
      else dispatch({ type: "messageFailed", chatId, clientId, error: result.error });
    },
    [socket, dispatch, chatId],
  );

  const send = useCallback(
    (text: string) => {
      const clientId = newClientId();
      dispatch({ type: "messagePending", chatId, clientId, text, createdAt: new Date().toISOString() });
      void deliver(clientId, text);
    },
    [dispatch, deliver, chatId],
  );

  const retry = useCallback(
    (message: ChatMessage) => {
      if (!message.clientId || message.delivery !== "failed") return;
      dispatch({
        type: "messagePending",
        chatId,
        clientId: message.clientId,
        text: message.text,
        createdAt: message.createdAt,
      });
      void deliver(message.clientId, message.text);
    },
    [dispatch, deliver, chatId],
  );

  return { send, retry };
}

// The real socket.io chat client lives with the benches that also use it.
export { ChatClient, type ChatSocket } from "../../bench/lib/chat-client.js";

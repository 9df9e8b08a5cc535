export { ChatBoard } from "./components/ChatBoard";
export type { ChatToolContext, ChatToolsRenderer } from "./components/ChatPanel";

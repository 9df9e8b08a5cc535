export { rememberedPresence } from "./api/presence-preference";
export { AgentHeader } from "./components/AgentHeader";

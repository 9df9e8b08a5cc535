export { AgentHeader } from "./components/AgentHeader";

export { KnowledgeScreen } from "./components/KnowledgeScreen";

export { KnowledgeScreen } from "./components/KnowledgeScreen";
export { InboxSection, type InboxSectionProps } from "./components/InboxSection";
export type { QuestionsByLanguage } from "./model/inbox";

export { RecentlyClosed } from "./components/RecentlyClosed";

export { KbSearch } from "./components/KbSearch";

export { AccountsScreen } from "./components/AccountsScreen";

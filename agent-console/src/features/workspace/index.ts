export { StaffHeader } from "./components/StaffHeader";
export { TabBar } from "./components/TabBar";
export { accountsAccess, defaultTab, type Tab, tabsFor } from "./model/tabs";

export type { StaffSession } from "./api/sign-in";
export { SignInForm } from "./components/SignInForm";
export { useStaffSession } from "./hooks/use-staff-session";

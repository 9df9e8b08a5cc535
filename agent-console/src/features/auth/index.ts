export type { StaffSession } from "./api/sign-in";
export { signOutStaff } from "./api/sign-out";
export { SignIn } from "./components/SignIn";
export { useStaffSession } from "./hooks/use-staff-session";

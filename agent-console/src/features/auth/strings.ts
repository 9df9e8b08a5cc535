import { featureStrings } from "../../lib/i18n";

/**
 * The sign-in form's strings.
 * Both languages, same keys (checked by featureStrings); the shared strings (lib/i18n.ts) are
 * joined in, so a component reads all it needs from one `t`.
 */
export const STRINGS = featureStrings({
  zh: {
    signInTitle: "坐席登录",
    username: "用户名",
    password: "密码",
    signIn: "登录",
    signingIn: "正在登录…",
    signInFailed: {
      badCredentials: "用户名或密码不正确。",
      rateLimited: "登录尝试次数过多，请稍后再试。",
      missing: "请输入用户名和密码。",
      invalid: "用户名或密码的格式不正确。",
      network: "无法连接服务器，请检查网络后重试。",
      server: "服务器暂时无法登录，请稍后再试。",
    },
    sessionExpired: "登录已过期，请重新登录。",
  },
  en: {
    signInTitle: "Agent sign-in",
    username: "Username",
    password: "Password",
    signIn: "Sign in",
    signingIn: "Signing in…",
    signInFailed: {
      badCredentials: "The username or password is not right.",
      rateLimited: "Too many sign-in attempts. Please wait a little and try again.",
      missing: "Please enter your username and password.",
      invalid: "The username or password is not in a valid form.",
      network: "Cannot reach the server. Check the network and try again.",
      server: "The server cannot sign you in just now. Please try again later.",
    },
    sessionExpired: "Your session has expired. Please sign in again.",
  },
});

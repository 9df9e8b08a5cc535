import { featureStrings } from "../../lib/i18n";

/**
 * Signing in: the password, the authenticator code, setting the authenticator up, and the
 * recovery codes shown once.
 * Both languages, same keys (checked by featureStrings); the shared strings (lib/i18n.ts) are
 * joined in, so a component reads all it needs from one `t`.
 */
export const STRINGS = featureStrings({
  zh: {
    signInTitle: "工作人员登录",
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
    challengeExpired: "验证已超时（需在 5 分钟内完成），请重新输入用户名和密码。",
    back: "返回",
    secondFactorTitle: "两步验证",
    secondFactorIntro: "请打开手机上的身份验证器应用，输入本账号当前显示的 6 位验证码。",
    recoveryHint: "手机丢失或无法使用时，可输入一个恢复码（形如 abcde-fghij）代替。",
    codeLabel: "验证码",
    verify: "验证",
    verifying: "正在验证…",
    codeFailed: {
      missing: "请输入验证码。",
      notSixDigits: "请输入身份验证器显示的 6 位数字。",
      badCode: "验证码不正确，请输入应用中当前显示的验证码后重试。",
      rateLimited: "尝试次数过多，请稍后再试。",
      invalid: "验证码的格式不正确。",
      network: "无法连接服务器，请检查网络后重试。",
      server: "服务器暂时无法验证，请稍后再试。",
    },
    enrolTitle: "设置两步验证",
    enrolIntro: "您的账号需要两步验证：以后每次登录，除密码外还要输入手机上身份验证器应用生成的验证码。",
    enrolStepInstall:
      "在手机上安装一个身份验证器应用，例如 Microsoft Authenticator、Google Authenticator 或腾讯身份验证器。",
    enrolStepScan: "在应用中添加账号，扫描右侧二维码。无法扫描时，选择手动输入密钥，填写下方的密钥。",
    enrolStepCode: "输入应用显示的 6 位验证码，完成设置。",
    qrAlt: "供身份验证器应用扫描的二维码",
    secretLabel: "密钥（手动输入时使用）",
    enrolCodeLabel: "6 位验证码",
    finishEnrol: "完成设置",
    recoveryTitle: "保存恢复码",
    recoveryIntro: "两步验证已设置好。下面 10 个恢复码只显示这一次，请现在保存：",
    recoveryOnce: "每个恢复码只能使用一次。",
    recoveryLostPhone: "手机丢失或无法使用身份验证器时，恢复码是您登录的唯一方式。",
    recoveryKeep: "请打印或保存在安全的地方（例如密码管理器），不要发给他人。",
    copyRecoveryCodes: "复制全部恢复码",
    recoverySaved: "我已妥善保存",
  },
  en: {
    signInTitle: "Staff sign-in",
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
    challengeExpired:
      "The code was not entered within 5 minutes. Please enter your username and password again.",
    back: "Back",
    secondFactorTitle: "Two-step verification",
    secondFactorIntro:
      "Open the authenticator app on your phone and enter the 6-digit code it shows for this account.",
    recoveryHint:
      "Lost your phone or cannot use it? Enter one of your recovery codes (like abcde-fghij) instead.",
    codeLabel: "Code",
    verify: "Verify",
    verifying: "Verifying…",
    codeFailed: {
      missing: "Please enter the code.",
      notSixDigits: "Please enter the 6 digits your authenticator app shows.",
      badCode: "That code is not right. Enter the code the app shows now and try again.",
      rateLimited: "Too many attempts. Please wait a little and try again.",
      invalid: "The code is not in a valid form.",
      network: "Cannot reach the server. Check the network and try again.",
      server: "The server cannot check the code just now. Please try again later.",
    },
    enrolTitle: "Set up two-step verification",
    enrolIntro:
      "Your account needs two-step verification: from now on, signing in takes your password and a code from an authenticator app on your phone.",
    enrolStepInstall:
      "Install an authenticator app on your phone, such as Microsoft Authenticator, Google Authenticator or Tencent Authenticator (腾讯身份验证器).",
    enrolStepScan:
      "In the app, add an account and scan the QR code. If you cannot scan it, choose to enter a key and type the key below.",
    enrolStepCode: "Enter the 6-digit code the app shows to finish.",
    qrAlt: "QR code to scan with your authenticator app",
    secretLabel: "Key (to type in by hand)",
    enrolCodeLabel: "6-digit code",
    finishEnrol: "Finish setup",
    recoveryTitle: "Save your recovery codes",
    recoveryIntro:
      "Two-step verification is set up. These 10 recovery codes are shown only this once: save them now.",
    recoveryOnce: "Each recovery code works only once.",
    recoveryLostPhone:
      "If you lose your phone or cannot use the authenticator app, they are your only way to sign in.",
    recoveryKeep:
      "Print them or keep them somewhere safe (a password manager, say), and never send them to anyone.",
    copyRecoveryCodes: "Copy all recovery codes",
    recoverySaved: "I have saved them",
  },
});

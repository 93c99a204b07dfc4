/**
 * electron-builder's afterPack hook: flips Electron's fuses in the packed binary, before it is signed
 * and wrapped into an installer. Fuses are bits compiled into the Electron executable; flipping them
 * here means a user (or malware) cannot switch these features back on with a flag or an environment
 * variable. See docs/electron.md ("Fuses").
 *
 * CommonJS on purpose: electron-builder loads the hook with require().
 */
const path = require('node:path');

/** What each fuse is set to, and why (the fuse names are @electron/fuses' FuseV1Options). */
const FUSES = {
  // `ELECTRON_RUN_AS_NODE=1 HotlineDesk.exe script.js` would run any script with the app's identity.
  RunAsNode: false,
  // Cookies (none today, but the session is Chromium's) encrypted with the OS keyring like the store key.
  EnableCookieEncryption: true,
  // NODE_OPTIONS=--require … would inject code into main.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk would open a debugger on main, which holds the session tokens.
  EnableNodeCliInspectArguments: false,
  // The asar's header hash is checked against the one electron-builder records in the executable.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only resources/app.asar is loaded: a resources/app folder dropped beside it is ignored.
  OnlyLoadAppFromAsar: true,
};

/** Path of the Electron executable inside the packed app, per platform. */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${product}.app`);
  const name = packager.executableName || product;
  return path.join(appOutDir, electronPlatformName === 'win32' ? `${name}.exe` : name);
}

/** The config handed to flipFuses (FuseV1Options keys are numeric indices). */
function fuseConfig(fuses, options) {
  const config = { version: fuses.FuseVersion.V1, strictlyRequireAllFuses: false };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = options[name];
    if (index === undefined) throw new Error(`@electron/fuses has no fuse ${name}`);
    config[index] = value;
  }
  return config;
}

/**
 * `fuses` is injectable so the test can check what would be flipped without an Electron binary.
 * On macOS the ad-hoc signature is reset (an arm64 binary with a stale signature does not start);
 * the real signing comes after this hook.
 */
async function afterPack(context, fuses = require('@electron/fuses')) {
  const target = executablePath(context);
  const config = fuseConfig(fuses, fuses.FuseV1Options);
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') config.resetAdHocDarwinSignature = true;
  await fuses.flipFuses(target, config);
  return { target, config };
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.executablePath = executablePath;

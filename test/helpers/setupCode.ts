/**
 * The set-up code every hub started by the tests uses (HUB_SETUP_CODE for hub processes, the `setupCode`
 * option for in-process hubs), so that the first console can seed it. Imports nothing: the hub suites
 * use it without loading the console.
 */
export const TEST_SETUP_CODE = '2468-1357-9753-8642';

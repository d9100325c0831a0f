// Apollo Client reads __DEV__ once, when it loads: import this before @apollo/client so the
// cache's development warnings (data loss, missing possibleTypes) are on, as in an app's dev build.
(globalThis as { __DEV__?: boolean }).__DEV__ = true;
export {};

// The portal's JavaScript (web/assets: plain ES modules in the browser, no build step) checked
// for what a browser would only find at run time: names that are not defined or not imported,
// imports left unused. `make lint` runs it.
import globals from 'globals';

export default [
  {
    files: ['web/assets/**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.browser },
    rules: {
      'no-undef': 'error',
      'no-unused-vars': 'error',
      'no-redeclare': 'error',
      'no-dupe-keys': 'error',
      'no-unreachable': 'error',
    },
  },
];

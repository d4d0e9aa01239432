// Playwright Test for Kehila: real Debian Chromium against the real relay.
// Run by `cargo xtask test`, which builds the app, starts the relay on a free port and sets
// KEHILA_URL. Playwright never downloads a browser here: it launches /usr/bin/chromium.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.KEHILA_URL;
if (!baseURL) {
  throw new Error('KEHILA_URL is not set: run the e2e suite with `cargo xtask test`, which starts the relay.');
}

export default defineConfig({
  testDir: '.',
  outputDir: '../../artifacts/e2e-output',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // Without the background-networking flags Chromium keeps trying Google's hosts, which this
      // closed network refuses; --no-sandbox because CI runs as root.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
  ],
});

import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { compressAssets } from './scripts/vite-compress.ts';
import { messageCatalogs } from './scripts/vite-catalogs.ts';

const THEME_COLOR = '#1f4e79';

export default defineConfig({
  plugins: [
    messageCatalogs(),
    svelte(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'workers',
      filename: 'sw.ts',
      // We register the worker ourselves (src/platform/sw-update.ts) so that updates are a prompt.
      injectRegister: false,
      registerType: 'prompt',
      pwaAssets: { image: 'public/icon.svg', preset: 'minimal-2023', overrideManifestIcons: true },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,wasm}'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      manifest: {
        id: '/',
        name: 'Trackpack',
        short_name: 'Trackpack',
        description:
          'Import orders, pack, add tracking numbers and tell buyers where their parcel is, online or offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: '#f6f7f9',
        lang: 'en',
        categories: ['business', 'productivity'],
        share_target: {
          action: '/share-target',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: {
            title: 'title',
            text: 'text',
            files: [
              {
                name: 'file',
                accept: ['text/csv', 'text/tab-separated-values', 'text/plain', '.csv', '.tsv', '.txt'],
              },
            ],
          },
        },
      },
      devOptions: { enabled: false },
    }),
    compressAssets(),
  ],
  build: {
    target: 'es2022',
    // Written for debugging from the build output, but not named in the files: the server does
    // not serve them.
    sourcemap: 'hidden',
  },
  worker: { format: 'es' },
  server: { port: 5173 },
});

import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { messageCatalogs } from './scripts/vite-catalogs.ts';

// Unit tests run in Node; a component test opts into a DOM with `// @vitest-environment happy-dom`.
export default defineConfig({
  plugins: [messageCatalogs(), svelte(), svelteTesting()],
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'workers/**/*.test.ts', 'test/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
  },
});

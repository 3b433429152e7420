/** The SETUP_CODE that `scripts/e2e-server.mjs` starts the shared server with. */
export const E2E_SETUP_CODE = 'E2E-SETUP-CODE-0123456789';

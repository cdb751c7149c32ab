import vue from '@vitejs/plugin-vue';
import { isMfaElement } from 'mfa-prompt/vue';
import { defineConfig } from 'vite';

export default defineConfig({
  // The tags are custom elements, not Vue components (without this, Vue warns it cannot resolve them).
  plugins: [vue({ template: { compilerOptions: { isCustomElement: isMfaElement } } })],
});

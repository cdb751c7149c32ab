// The package's types for Vue's templates: <mfa-prompt> props and events, checked by vue-tsc.
import type {} from 'mfa-prompt/vue';

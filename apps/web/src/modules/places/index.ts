/** The places module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';
export { uploadPhoto, usePlaces } from './api';

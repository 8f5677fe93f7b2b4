/** The open311 module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';

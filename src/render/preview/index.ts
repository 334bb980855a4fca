export { startPreviewServer, type PreviewServer, type PreviewServerOptions, type EditionSource } from './server.ts';

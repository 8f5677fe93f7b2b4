// The server's cookie augmentation of Fastify: the server gets it by registering @fastify/cookie in app.ts, which
// the benchmark's compilation does not include.
import '@fastify/cookie';

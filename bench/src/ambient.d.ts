// Two load-tool packages that ship no types.
declare module 'autocannon';
declare module 'pg-copy-streams';

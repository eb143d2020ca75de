/// <reference types="vite/client" />

/** The CLI's example snapshot as text (an alias in vite.config.ts). */
declare module 'planner-example-snapshot?raw' {
  const text: string;
  export default text;
}

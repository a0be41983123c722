// What `electron` resolves to in the renderer's typecheck (see renderer/tsconfig.json "paths"): nothing.
// The renderer is sandboxed and has no Electron or Node; it reaches main through window.portfolioApi.
export {};

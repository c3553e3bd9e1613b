export declare const REACT_WRAPPERS: string;
export declare const JSX_TYPES: string;
export declare const REGENERATE: string;
export declare function generateWrappers(manifest: unknown): Record<string, string>;
export declare function staleFiles(manifest: unknown): string[];

export declare function renderApi(manifest: unknown): string;
export declare function withApi(readme: string, api: string): string;

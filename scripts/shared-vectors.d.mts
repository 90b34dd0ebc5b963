export declare const VECTORS_MARK: string
export declare function vectorsDir(root: string): string
export declare function testsNeedingVectors(root: string): string[]
export declare function haveVectors(root: string): boolean

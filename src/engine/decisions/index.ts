export * from "./compareOrigins";
export * from "./largestLayer";
export * from "./maxPrice";
export * from "./bookRate";
export * from "./bookReport";

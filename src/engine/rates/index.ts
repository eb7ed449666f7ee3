export * from "./rateExpression";

import { SelectedCells, SelectionPort } from "../workbook/workbookPort";

/** The largest selection read: a book of SKUs is a few thousand rows; a whole column is a mistake. */
export const MAX_SELECTED_CELLS = 300_000;

/** The selection port onto Excel: one Excel.run that loads the selected range's address and values. */
export const officeSelection: SelectionPort = {
  readSelection: () =>
    Excel.run(async (context): Promise<SelectedCells> => {
      const range = context.workbook.getSelectedRange();
      range.load("address,cellCount");
      await context.sync();
      if (range.cellCount > MAX_SELECTED_CELLS) {
        throw new Error(
          `the selection ${range.address} has ${range.cellCount} cells: select the rows of the book (at most ${MAX_SELECTED_CELLS} cells)`,
        );
      }
      range.load("values");
      await context.sync();
      return { address: range.address, values: range.values };
    }),
};

export async function runBrowserBench() {
  return { table: [] as Array<[string, string, string, boolean | undefined]> };
}

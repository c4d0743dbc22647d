/**
 * What the 通报 asks of the monthly close (月度报送): whether a region's month is confirmed (已确认).
 * Until it is, the month's figures may still change and the 通报 is provisional (暂定).
 */
export interface MonthConfirmations {
  isConfirmed(month: string, region: string): Promise<boolean>;
}

import { Logger, Module } from '@nestjs/common';
import { DashboardController, DASHBOARD_FILES } from './dashboard.controller';
import { loadDashboardFiles } from './dashboard-files';

@Module({
  controllers: [DashboardController],
  providers: [
    {
      provide: DASHBOARD_FILES,
      useFactory: () => {
        const files = loadDashboardFiles();
        if (!files) new Logger('Dashboard').warn('dist/dashboard is missing: GET / answers 503 until `npm run build` has built it');
        return files;
      },
    },
  ],
})
export class DashboardModule {}

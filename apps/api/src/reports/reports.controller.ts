import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { REPORT_ID_PATTERN, reportStreamId } from '@app/contracts';
import { PostgresEventStore } from '@app/event-store';
import { RequiresRole } from '../access/requires-role.decorator';
import { ApiError } from '../http/api-error';
import { reportViewFrom, type ReportView } from './report-view';
import { ReportViewDto } from './report-view.dto';

@ApiTags('reports')
@Controller('api/v1/reports')
@RequiresRole('viewer')
export class ReportsController {
  constructor(@Inject(PostgresEventStore) private readonly store: PostgresEventStore) {}

  @Get(':reportId')
  @ApiOperation({ summary: 'A stored wire report, its processing status, coder version and coded events' })
  @ApiParam({ name: 'reportId', description: '1–200 characters of [A-Za-z0-9._:-]' })
  @ApiOkResponse({ type: ReportViewDto })
  async get(@Param('reportId') reportId: string): Promise<ReportView> {
    if (!REPORT_ID_PATTERN.test(reportId)) {
      throw ApiError.invalid([{ name: 'reportId', reason: 'must be 1–200 characters of [A-Za-z0-9._:-]' }]);
    }
    const events = await this.store.readStream(reportStreamId(reportId));
    const view = reportViewFrom(events);
    if (!view) throw ApiError.notFound(`no report with id ${reportId} has been stored`);
    return view;
  }
}

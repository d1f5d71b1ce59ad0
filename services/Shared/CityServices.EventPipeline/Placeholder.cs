namespace CityServices.EventPipeline;
